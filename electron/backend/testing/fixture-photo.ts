import sharp from 'sharp';

/**
 * A JPEG like one straight from a phone: GPS position, dates and camera
 * details in its EXIF block. Made by the test, so nothing real is committed.
 */
export async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 120, g: 160, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Phonecam', Model: 'Model 7', DateTime: '2026:03:03 10:15:00' },
      IFD2: { DateTimeOriginal: '2026:03:03 10:15:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 46/1 53/1', GPSLongitudeRef: 'W', GPSLongitude: '89/1 39/1 2/1' },
    })
    .toBuffer();
}
