// The version of what the survey validator produces. createTouchloop() keeps the validator's verdict
// on the code surveys (see ../state/verdict-cache.ts) and reuses it on later page loads without
// loading zod, as long as the surveys and this number are the same.
//
// Bump it whenever the validator's output can change: the schemas (survey.ts, survey-rules.ts,
// primitives.ts), the issue messages (format-issues.ts), validate.ts, or the zod version.
// version.test.ts fails until you do, naming what changed.
// This file is on the page-load path: it must never import the schemas.
export const SURVEY_VALIDATOR_VERSION = 3
