/**
 * A JPEG like one straight from a phone: GPS position, dates and camera
 * details in its EXIF block. Made by the test, so nothing real is committed.
 * (Lives in media/sample-images.ts, which the demo store uses too.)
 */
export { photoWithGps } from '../media/sample-images';
