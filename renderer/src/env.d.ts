// For tools that read TypeScript without Vue support (the ESLint type checker): vue-tsc resolves
// real .vue files and never falls back to this declaration.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';

  const component: DefineComponent;
  export default component;
}
