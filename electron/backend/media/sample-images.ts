import sharp from 'sharp';

/**
 * Photos made on the spot, for tests and the fictional demo store: nothing
 * real is committed or shipped. Each is a plain scene drawn as SVG and
 * encoded by sharp; `withGps` adds the EXIF block a phone camera writes
 * (GPS position, dates, camera), so the metadata removal on import shows.
 */
/** What a phone camera writes: where (GPS), when, and with what. */
const phoneExif = {
  IFD0: { Make: 'Phonecam', Model: 'Model 7', DateTime: '2026:03:03 10:15:00' },
  IFD2: { DateTimeOriginal: '2026:03:03 10:15:00' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 46/1 53/1', GPSLongitudeRef: 'W', GPSLongitude: '89/1 39/1 2/1' },
};

export interface SamplePhotoOptions {
  /** The background's hue, 0-359, so photos tell apart. */
  hue: number;
  width?: number;
  height?: number;
  withGps?: boolean;
}

function scene(hue: number, width: number, height: number): string {
  const skin = `hsl(${(hue + 25) % 360}, 35%, 70%)`;
  const shirt = `hsl(${(hue + 180) % 360}, 45%, 45%)`;
  const cx = width / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="hsl(${hue}, 55%, 82%)"/><stop offset="1" stop-color="hsl(${hue}, 40%, 58%)"/>
  </linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#bg)"/>
  <rect x="0" y="${height * 0.78}" width="${width}" height="${height * 0.22}" fill="hsl(${hue}, 20%, 40%)" opacity="0.5"/>
  <ellipse cx="${cx}" cy="${height * 0.98}" rx="${width * 0.24}" ry="${height * 0.36}" fill="${shirt}"/>
  <circle cx="${cx}" cy="${height * 0.4}" r="${height * 0.16}" fill="${skin}"/>
</svg>`;
}

export async function samplePhoto({ hue, width = 800, height = 600, withGps = false }: SamplePhotoOptions): Promise<Buffer> {
  const image = sharp(Buffer.from(scene(hue, width, height))).jpeg({ quality: 85 });
  if (!withGps) return image.toBuffer();
  return image
    .withExif(phoneExif)
    .toBuffer();
}

/**
 * A JPEG like one straight from a phone: GPS position, dates and camera
 * details in its EXIF block.
 */
export async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 120, g: 160, b: 200 } } })
    .jpeg()
    .withExif(phoneExif)
    .toBuffer();
}
