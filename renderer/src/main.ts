import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createAppRouter } from './router.js';
import { createAppI18n } from './i18n/index.js';
import { usePreferencesStore } from './stores/preferences.js';
import './charts/echarts';
import './styles.css';

const pinia = createPinia();
const app = createApp(App).use(pinia);
// i18n starts in the remembered language, so the first paint is already in it.
app.use(createAppI18n(usePreferencesStore(pinia).locale));
app.use(createAppRouter());
app.mount('#app');
