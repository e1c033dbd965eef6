// The widget's own copy of core's flow and text functions, for a context that brings no kit.
// A lazy chunk: with a current core it is never fetched.
export { surveyKit as ownKit } from '@touchloop/core'
