// Toasts: short messages about what just happened; errors stay until dismissed, the rest fade after a few seconds.
import { create } from 'zustand';
import { WinnowError } from '../../../src/api/contract';

export type ToastTone = 'error' | 'success' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  message?: string;
}

interface ToastState {
  toasts: Toast[];
}

export const useToastStore = create<ToastState>()(() => ({ toasts: [] }));

let nextId = 1;
const AUTO_DISMISS_MS = 6000;
const MAX_TOASTS = 5;

export function pushToast(t: Omit<Toast, 'id'>): number {
  const id = nextId++;
  useToastStore.setState((s) => ({ toasts: [...s.toasts, { ...t, id }].slice(-MAX_TOASTS) }));
  if (t.tone !== 'error') setTimeout(() => dismissToast(id), AUTO_DISMISS_MS);
  return id;
}

export function dismissToast(id: number): void {
  useToastStore.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

/** The sentence to show for anything thrown: the engine's own words when it is a WinnowError. */
export function errorMessage(err: unknown): string {
  if (err instanceof WinnowError) return err.message;
  if (err instanceof Error && err.message) return `Something unexpected went wrong: ${err.message}`;
  return 'Something unexpected went wrong.';
}

export function reportError(title: string, err: unknown): void {
  pushToast({ tone: 'error', title, message: errorMessage(err) });
}
