// Types for vite-plugin-pwa's virtual module `virtual:pwa-register` (the service worker's registration).
/// <reference types="vite-plugin-pwa/client" />
