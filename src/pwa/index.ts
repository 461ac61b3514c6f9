// Offline support for the hosted page: mounts the new-version offer and registers the service worker.
import { mount } from 'svelte';
import UpdatePrompt from './UpdatePrompt.svelte';
import { appUpdate } from './app-update.svelte';

/** Mounts the update offer at the end of <body> and registers the service worker. */
export function startOfflineSupport(): void {
  const host = document.createElement('div');
  host.className = 'update-prompt-host';
  document.body.append(host);
  mount(UpdatePrompt, { target: host });
  appUpdate.start();
}
