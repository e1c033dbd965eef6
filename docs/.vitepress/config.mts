// The docs site: the markdown files of docs/ (their paths stay as they are, so links from README.md
// and from GitHub keep working) plus the generated survey reference (scripts/docs-reference.mjs).
// VitePress fails the build on a dead link (ignoreDeadLinks is left off on purpose).
import { defineConfig } from 'vitepress'

const transports = ['http', 'posthog', 'segment', 'ga4', 'supabase', 'callback']

export default defineConfig({
  title: 'touchloop',
  description: 'Embeddable feedback and NPS surveys that reach your backend exactly once.',
  cleanUrls: true,
  lastUpdated: false,
  themeConfig: {
    search: { provider: 'local' },
    outline: [2, 3],
    nav: [
      { text: 'Guide', link: '/getting-started/' },
      { text: 'Reference', link: '/reference/survey' },
      { text: 'Operate', link: '/deploy' },
    ],
    sidebar: [
      {
        text: 'Getting started',
        items: [
          { text: 'Overview', link: '/getting-started/' },
          { text: 'Script tag', link: '/getting-started/script-tag' },
          { text: 'npm in a Vite app', link: '/getting-started/npm' },
          { text: 'Headless', link: '/getting-started/headless' },
          { text: 'React', link: '/react' },
          { text: 'Vue', link: '/vue' },
        ],
      },
      {
        text: 'Recipes',
        items: [
          { text: 'Post-checkout NPS', link: '/recipes/post-checkout-nps' },
          { text: 'CSAT after a support chat', link: '/recipes/csat-after-support' },
          { text: 'CES after onboarding', link: '/recipes/ces-after-onboarding' },
          { text: 'Exit-intent feedback', link: '/recipes/exit-intent' },
          { text: 'URL rules in an SPA', link: '/recipes/spa-url-rules' },
        ],
      },
      {
        text: 'Guides',
        items: [
          { text: 'Delivery guarantees', link: '/delivery' },
          { text: 'Theming and CSP', link: '/theming' },
          { text: 'Privacy and consent', link: '/privacy' },
          { text: 'Accessibility', link: '/accessibility' },
          { text: 'Browser support', link: '/browser-support' },
          { text: 'Troubleshooting', link: '/troubleshooting' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'Survey definition', link: '/reference/survey' },
          { text: 'Core API', link: '/core' },
          { text: 'Widget', link: '/widget' },
          { text: 'Script tag build', link: '/embed' },
          {
            text: 'Transports',
            link: '/transports/',
            items: transports.map((name) => ({ text: name, link: `/transports/${name}` })),
          },
        ],
      },
      {
        text: 'Operate',
        items: [
          { text: 'Collector', link: '/collector' },
          { text: 'Deploying the collector', link: '/deploy' },
        ],
      },
      {
        text: 'Project',
        items: [
          { text: 'Sizes and performance', link: '/performance' },
          { text: 'Versioning', link: '/versioning' },
          { text: 'Architecture', link: '/architecture' },
        ],
      },
    ],
  },
})
