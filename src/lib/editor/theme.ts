// Light/dark theme: remembered in localStorage, applied as data-theme on <html> (app.html applies it before
// the first paint; this module changes it).
export type Theme = 'light' | 'dark';
export const THEME_KEY = 'clovers.theme';

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

export function setTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage may be disabled (private mode): the theme still applies for this visit.
  }
}
