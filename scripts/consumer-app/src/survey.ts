export const survey = {
  id: 'post-checkout-nps',
  name: 'Post-checkout NPS',
  version: 1,
  touchpoints: [{ type: 'event', event: 'checkout_completed' }],
  questions: [
    {
      id: 'nps',
      type: 'nps',
      text: { en: 'How likely are you to recommend us to a friend or colleague?' },
      required: true,
    },
    { id: 'comment', type: 'text', multiline: true, text: { en: 'What is the main reason for your score?' } },
  ],
  endings: [{ id: 'thanks', title: { en: 'Thank you!' } }],
}
