// The events REST strategy (core/v1 Event): strict decoding only.
// SIMPLIFIED: ValidateEventCreate's checks (involvedObject namespace, reportingController, eventTime) are not made;
// Events are written by the engine's own recorder.
import type { Strategy } from './strategy';
import { unknownFieldsOf } from './schema/unknown-fields';

/** How the apiserver treats core/v1 Events. */
export const eventStrategy: Strategy = {
  unknownFields: (obj) => unknownFieldsOf('Event', obj),
};
