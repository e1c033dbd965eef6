import { createApp } from 'vue'
import { createRouter, createWebHistory } from 'vue-router'
import App from './App.vue'
import AccountPage from './pages/AccountPage.vue'
import BasketPage from './pages/BasketPage.vue'
import ContactPage from './pages/ContactPage.vue'
import HelpPage from './pages/HelpPage.vue'
import ShopPage from './pages/ShopPage.vue'
import { createTouchloopPlugin } from './touchloop'
import { touchloopOptions } from './touchloop-options'

const router = createRouter({
  history: createWebHistory('/vue/'),
  routes: [
    { path: '/', component: ShopPage },
    { path: '/basket', component: BasketPage },
    { path: '/account', component: AccountPage },
    { path: '/help', component: HelpPage },
    { path: '/contact', component: ContactPage },
  ],
})

createApp(App).use(router).use(createTouchloopPlugin(touchloopOptions)).mount('#app')
