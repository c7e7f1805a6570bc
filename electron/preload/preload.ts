import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

// Exactly StudioApi, nothing more: no ipcRenderer, no Node, no generic send.
contextBridge.exposeInMainWorld('margin', createPreloadApi(ipcRenderer));
