// One place for the SDK's options: the surveys, where answers go, and the lazily loaded widget.
import type { TouchloopOptions } from '@touchloop/core'
import { createHttpTransport } from '@touchloop/transports/http'
import accountCes from '../../surveys/account-ces.json'
import feedbackTab from '../../surveys/contact-feedback-tab.json'
import articleRating from '../../surveys/help-article-rating.json'
import postCheckoutNps from '../../surveys/post-checkout-nps.json'

// `?collector=` lets the tests (and you) point the example at another collector.
const collector = new URLSearchParams(location.search).get('collector') ?? 'http://localhost:8787'

export const touchloopOptions: TouchloopOptions = {
  surveys: [postCheckoutNps, accountCes, articleRating, feedbackTab],
  transports: [createHttpTransport({ url: new URL('/v1/responses', collector).href, writeKey: 'pk_demo_localhost' })],
  widget: () => import('@touchloop/widget'),
}
