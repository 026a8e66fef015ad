/**
 * OpenSeadragon injects one fixed <style> (its touch-device focus rule). Allowing exactly that text by hash keeps
 * style-src free of 'unsafe-inline'. If OpenSeadragon changes the rule, the browser console names the new hash.
 */
export const OSD_MOBILE_CSS_HASH = "'sha256-9xTiqzfwFaL2SGb1rmr8gysEwVVjIvqWAgmZgqFqpEE='";
