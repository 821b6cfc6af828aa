import type { ContentKind } from '../../../../shared/authorization/scope';

/**
 * Content kinds as a coordinator names them. (The authorization's own
 * labels speak in the patient's voice: "My first name only".)
 */
export const contentKindNames: Record<ContentKind, string> = {
  written_testimonial: 'Written testimonial (quote or story)',
  first_name: 'First name',
  full_name: 'Full name',
  photographs: 'Photographs',
  video: 'Video',
  audio: 'Audio',
  before_after_images: 'Before-and-after images',
  age: 'Age',
  city: 'City',
  health_condition: 'Health condition or treatment',
};
