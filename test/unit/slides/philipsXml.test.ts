import { describe, expect, it } from 'vitest';
import { parsePhilipsXml, parsePixelSpacing } from '../../../electron/core/slides/readers/philipsXml';

const LABEL_B64 = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==';
const MACRO_B64 = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/aAAgBAQAAPwBH/9k=';

/** Shaped as a Philips IntelliSite export writes it (tabs, attribute order, Group/Element/PMSVR, entities). */
const DESCRIPTION = `<?xml version="1.0" encoding="UTF-8" ?>
<DataObject ObjectType="DPUfsImport">
\t<Attribute Name="DICOM_ACQUISITION_DATETIME" Group="0x0008" Element="0x002A" PMSVR="IString">20190312143512.000000</Attribute>
\t<Attribute Name="DICOM_DATE_OF_LAST_CALIBRATION" Group="0x0018" Element="0x1200" PMSVR="IStringArray">&quot;20190311&quot;</Attribute>
\t<Attribute Name="DICOM_DEVICE_SERIAL_NUMBER" Group="0x0018" Element="0x1000" PMSVR="IString">FMT0107</Attribute>
\t<Attribute Name="DICOM_MANUFACTURER" Group="0x0008" Element="0x0070" PMSVR="IString">PHILIPS</Attribute>
\t<Attribute Name="DICOM_MANUFACTURERS_MODEL_NAME" Group="0x0008" Element="0x1090" PMSVR="IString">UFS Scanner</Attribute>
\t<Attribute Name="DICOM_SOFTWARE_VERSIONS" Group="0x0018" Element="0x1020" PMSVR="IStringArray">&quot;1.6.5505&quot; &quot;20111209_R44&quot; &quot;4.0.3&quot;</Attribute>
\t<Attribute Name="PIM_DP_UFS_BARCODE" Group="0x301D" Element="0x1002" PMSVR="IString">UzE5LTAwNDIxIEEx</Attribute>
\t<Attribute Name="PIM_DP_UFS_INTERFACE_VERSION" Group="0x301D" Element="0x1001" PMSVR="IString">3.0</Attribute>
\t<Attribute Name="PIM_DP_SCANNED_IMAGES" Group="0x301D" Element="0x1003" PMSVR="IDataObjectArray">
\t\t<Array>
\t\t\t<DataObject ObjectType="DPScannedImage">
\t\t\t\t<Attribute Name="DICOM_DERIVATION_DESCRIPTION" Group="0x0008" Element="0x2111" PMSVR="IString">tiff-useBigTIFF=1-useRgb=0-levels=10003,10002,10000,10001-processing=0-q80-sourceFilename=&quot;S19-00421 A1&quot;</Attribute>
\t\t\t\t<Attribute Name="DICOM_LOSSY_IMAGE_COMPRESSION" Group="0x0028" Element="0x2110" PMSVR="IString">01</Attribute>
\t\t\t\t<Attribute Name="DICOM_LOSSY_IMAGE_COMPRESSION_METHOD" Group="0x0028" Element="0x2114" PMSVR="IStringArray">&quot;PHILIPS_DP_1_0&quot;</Attribute>
\t\t\t\t<Attribute Name="DICOM_LOSSY_IMAGE_COMPRESSION_RATIO" Group="0x0028" Element="0x2112" PMSVR="IDoubleArray">&quot;3&quot;</Attribute>
\t\t\t\t<Attribute Name="DICOM_PHOTOMETRIC_INTERPRETATION" Group="0x0028" Element="0x0004" PMSVR="IString">RGB</Attribute>
\t\t\t\t<Attribute Name="PIIM_PIXEL_DATA_REPRESENTATION_SEQUENCE" Group="0x1001" Element="0x8B01" PMSVR="IDataObjectArray">
\t\t\t\t\t<Array>
\t\t\t\t\t\t<DataObject ObjectType="PixelDataRepresentation">
\t\t\t\t\t\t\t<Attribute Name="DICOM_PIXEL_SPACING" Group="0x0028" Element="0x0030" PMSVR="IDoubleArray">&quot;0.000227273&quot; &quot;0.000226891&quot;</Attribute>
\t\t\t\t\t\t\t<Attribute Name="PIIM_DP_PIXEL_DATA_REPRESENTATION_POSITION" Group="0x101D" Element="0x100B" PMSVR="IDoubleArray">&quot;0&quot; &quot;0&quot; &quot;0&quot;</Attribute>
\t\t\t\t\t\t\t<Attribute Name="PIIM_PIXEL_DATA_REPRESENTATION_COLUMNS" Group="0x2001" Element="0x115E" PMSVR="IUInt32">45056</Attribute>
\t\t\t\t\t\t\t<Attribute Name="PIIM_PIXEL_DATA_REPRESENTATION_NUMBER" Group="0x1001" Element="0x8B02" PMSVR="IUInt16">0</Attribute>
\t\t\t\t\t\t\t<Attribute Name="PIIM_PIXEL_DATA_REPRESENTATION_ROWS" Group="0x2001" Element="0x115D" PMSVR="IUInt32">35840</Attribute>
\t\t\t\t\t\t</DataObject>
\t\t\t\t\t\t<DataObject ObjectType="PixelDataRepresentation">
\t\t\t\t\t\t\t<Attribute Name="DICOM_PIXEL_SPACING" Group="0x0028" Element="0x0030" PMSVR="IDoubleArray">&quot;0.000454546&quot; &quot;0.000453782&quot;</Attribute>
\t\t\t\t\t\t\t<Attribute Name="PIIM_PIXEL_DATA_REPRESENTATION_COLUMNS" Group="0x2001" Element="0x115E" PMSVR="IUInt32">22528</Attribute>
\t\t\t\t\t\t\t<Attribute Name="PIIM_PIXEL_DATA_REPRESENTATION_NUMBER" Group="0x1001" Element="0x8B02" PMSVR="IUInt16">1</Attribute>
\t\t\t\t\t\t\t<Attribute Name="PIIM_PIXEL_DATA_REPRESENTATION_ROWS" Group="0x2001" Element="0x115D" PMSVR="IUInt32">17920</Attribute>
\t\t\t\t\t\t</DataObject>
\t\t\t\t\t\t<DataObject ObjectType="PixelDataRepresentation">
\t\t\t\t\t\t\t<Attribute Name="DICOM_PIXEL_SPACING" Group="0x0028" Element="0x0030" PMSVR="IDoubleArray">&quot;0.000909092&quot; &quot;0.000907564&quot;</Attribute>
\t\t\t\t\t\t\t<Attribute Name="PIIM_PIXEL_DATA_REPRESENTATION_COLUMNS" Group="0x2001" Element="0x115E" PMSVR="IUInt32">11264</Attribute>
\t\t\t\t\t\t\t<Attribute Name="PIIM_PIXEL_DATA_REPRESENTATION_NUMBER" Group="0x1001" Element="0x8B02" PMSVR="IUInt16">2</Attribute>
\t\t\t\t\t\t\t<Attribute Name="PIIM_PIXEL_DATA_REPRESENTATION_ROWS" Group="0x2001" Element="0x115D" PMSVR="IUInt32">9216</Attribute>
\t\t\t\t\t\t</DataObject>
\t\t\t\t\t</Array>
\t\t\t\t</Attribute>
\t\t\t\t<Attribute Name="PIM_DP_IMAGE_COLUMNS" Group="0x301D" Element="0x1007" PMSVR="IUInt32">45056</Attribute>
\t\t\t\t<Attribute Name="PIM_DP_IMAGE_ROWS" Group="0x301D" Element="0x1006" PMSVR="IUInt32">35840</Attribute>
\t\t\t\t<Attribute Name="PIM_DP_IMAGE_TYPE" Group="0x301D" Element="0x1004" PMSVR="IString">WSI</Attribute>
\t\t\t</DataObject>
\t\t\t<DataObject ObjectType="DPScannedImage">
\t\t\t\t<Attribute Name="PIM_DP_IMAGE_DATA" Group="0x301D" Element="0x1005" PMSVR="IString">${LABEL_B64.slice(0, 60)}
${LABEL_B64.slice(60)}</Attribute>
\t\t\t\t<Attribute Name="PIM_DP_IMAGE_TYPE" Group="0x301D" Element="0x1004" PMSVR="IString">LABELIMAGE</Attribute>
\t\t\t</DataObject>
\t\t\t<DataObject ObjectType="DPScannedImage">
\t\t\t\t<Attribute Name="PIM_DP_IMAGE_DATA" Group="0x301D" Element="0x1005" PMSVR="IString">${MACRO_B64}</Attribute>
\t\t\t\t<Attribute Name="PIM_DP_IMAGE_TYPE" Group="0x301D" Element="0x1004" PMSVR="IString">MACROIMAGE</Attribute>
\t\t\t</DataObject>
\t\t</Array>
\t</Attribute>
</DataObject>
`;

describe('Philips TIFF ImageDescription', () => {
  it('gives MPP from the first level’s pixel spacing (row spacing, then column spacing, in mm)', () => {
    const f = parsePhilipsXml(DESCRIPTION)!;
    expect(f.mpp!.x).toBeCloseTo(0.226891, 9);
    expect(f.mpp!.y).toBeCloseTo(0.227273, 9);
    expect(f.levelSpacings.map((s) => Number((s.x / f.mpp!.x).toFixed(3)))).toEqual([1, 2, 4]);
  });

  it('names the scanner’s fields as OpenSlide does, for the slide-info panel', () => {
    const p = parsePhilipsXml(DESCRIPTION)!.properties;
    expect(p['philips.DICOM_MANUFACTURER']).toBe('PHILIPS');
    expect(p['philips.DICOM_MANUFACTURERS_MODEL_NAME']).toBe('UFS Scanner');
    expect(p['philips.DICOM_SOFTWARE_VERSIONS']).toBe('"1.6.5505" "20111209_R44" "4.0.3"');
    expect(p['philips.DICOM_DEVICE_SERIAL_NUMBER']).toBe('FMT0107');
    expect(p['philips.PIM_DP_IMAGE_TYPE']).toBe('WSI');
    expect(p['philips.PIIM_PIXEL_DATA_REPRESENTATION_SEQUENCE[1].DICOM_PIXEL_SPACING']).toBe('"0.000454546" "0.000453782"');
    expect(p['philips.PIIM_PIXEL_DATA_REPRESENTATION_SEQUENCE[2].PIIM_PIXEL_DATA_REPRESENTATION_ROWS']).toBe('9216');
    expect(Object.keys(p).filter((k) => k.includes('IMAGE_DATA'))).toEqual([]);
  });

  it('leaves out the barcode and the scanner’s source file name', () => {
    const p = parsePhilipsXml(DESCRIPTION)!.properties;
    expect(Object.keys(p).filter((k) => /BARCODE/.test(k))).toEqual([]);
    const all = JSON.stringify(p);
    for (const id of ['UzE5LTAwNDIxIEEx', 'S19-00421', 'sourceFilename']) expect(all).not.toContain(id);
    expect(p['philips.DICOM_DERIVATION_DESCRIPTION']).toBe('tiff-useBigTIFF=1-useRgb=0-levels=10003,10002,10000,10001-processing=0-q80');
  });

  it('returns the label and macro as Base64 JPEG (line breaks in the data removed)', () => {
    const f = parsePhilipsXml(DESCRIPTION)!;
    expect(f.label).toBe(LABEL_B64);
    expect(f.macro).toBe(MACRO_B64);
    const noImages = DESCRIPTION.replace(LABEL_B64.slice(0, 60), '%%not base64%%').replace(/MACROIMAGE/, 'OTHERIMAGE');
    expect(parsePhilipsXml(noImages)).toMatchObject({ label: null, macro: null });
  });

  it('takes the objective power only from a plausible first "levels=" entry', () => {
    expect(parsePhilipsXml(DESCRIPTION)!.objectivePower).toBeNull();
    const forty = DESCRIPTION.replace('levels=10003,10002,10000,10001', 'levels=40,20,10,5');
    expect(parsePhilipsXml(forty)!.objectivePower).toBe(40);
  });

  it.each([
    ['truncated', DESCRIPTION.slice(0, DESCRIPTION.length / 2)],
    ['a mismatched closing tag', DESCRIPTION.replace('</Array>', '</Arrey>')],
    ['an unknown entity', DESCRIPTION.replace('&quot;PHILIPS_DP_1_0&quot;', '&nbsp;PHILIPS_DP_1_0')],
    ['a bare "&"', DESCRIPTION.replace('UFS Scanner', 'UFS & Scanner')],
    ['an unquoted attribute', DESCRIPTION.replace('Name="DICOM_MANUFACTURER"', 'Name=DICOM_MANUFACTURER')],
    ['two roots', `${DESCRIPTION}<DataObject ObjectType="DPUfsImport"></DataObject>`],
    ['another root element', DESCRIPTION.replace(/DataObject ObjectType="DPUfsImport"/, 'DataObjekt ObjectType="DPUfsImport"')],
    ['another object type', DESCRIPTION.replace('DPUfsImport', 'DPUfsExport')],
    ['text that is not XML', 'Aperio Image Library v12.0.15|AppMag = 20'],
    ['nothing', ''],
  ])('is null for a description with %s', (_what, xml) => {
    expect(parsePhilipsXml(xml)).toBeNull();
  });

  it('has no MPP (nor level spacings) when level 0’s pixel spacing is unreadable', () => {
    const bad = DESCRIPTION.replace('&quot;0.000227273&quot; &quot;0.000226891&quot;', '&quot;0.000227273&quot;');
    const f = parsePhilipsXml(bad)!;
    expect(f.levelSpacings).toEqual([]);
    expect(f.mpp).toBeNull();
    expect(parsePixelSpacing('"0" "0.00025"')).toBeNull();
    expect(parsePixelSpacing('"abc" "0.00025"')).toBeNull();
    expect(parsePixelSpacing('"0.0005" "0.00025"')).toEqual({ x: 0.25, y: 0.5 });
  });
});
