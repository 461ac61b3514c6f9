// The page's entry: mounts the app into index.html and starts offline support (the service worker).
import { mount } from 'svelte';
import App from './App.svelte';
import { startOfflineSupport } from './pwa';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target });
startOfflineSupport();
