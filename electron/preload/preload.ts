import { contextBridge, ipcRenderer } from 'electron';
import { createPortStudioApi } from './port-api';

// Exactly StudioApi, nothing more: no ipcRenderer, no port, no Node, no generic send.
// Sandboxed: this file is bundled whole (only `electron` is required at run time), without zod.
contextBridge.exposeInMainWorld('margin', createPortStudioApi(ipcRenderer));
