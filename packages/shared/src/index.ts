// @tandem/shared: the code the server and the web app both run. It must run in the browser
// too, so it imports neither Nest nor Node (its tsconfig has no Node types; eslint refuses the
// imports). Its modules only define things ("sideEffects": false in package.json), so a bundle
// takes just what it uses: the schedule code and rrule stay out of the web app's first load.
export * from './directory-csv';
export * from './domain-error';
export * from './permissions';
export * from './role';
export * from './schedule';
export * from './i18n/catalogs';
export * from './i18n/languages';
export * from './i18n/translate';
export * from './reporting';
export * from './reporting-dates';
