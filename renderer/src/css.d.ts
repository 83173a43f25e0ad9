// Vite bundles imported stylesheets into one file served from 'self' (the CSP allows nothing else).
declare module '*.css';
