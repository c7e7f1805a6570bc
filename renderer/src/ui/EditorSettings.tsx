import type { Settings } from '../../../shared/api/studio-api';
import { EDITOR_LIMITS } from '../../../shared/schemas/settings';

const FONTS: Array<{ value: Settings['editorFont']; label: string }> = [
  { value: 'literata', label: 'Literata (bundled)' },
  { value: 'serif', label: 'System serif' },
  { value: 'sans', label: 'System sans-serif' },
];

/** The page as the writer likes it: font, size, line width, smart punctuation, typewriter scrolling. */
export function EditorSettings({ settings, onChange }: { settings: Settings; onChange: (patch: Partial<Settings>) => void }) {
  return (
    <div className="popover editor-settings" role="group" aria-label="Editor settings">
      <div className="field">
        <label htmlFor="editor-font">Font</label>
        <select id="editor-font" value={settings.editorFont} onChange={(e) => onChange({ editorFont: e.target.value as Settings['editorFont'] })}>
          {FONTS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <div className="field-row">
          <label htmlFor="editor-size">Text size</label>
          <output htmlFor="editor-size">{settings.editorFontSize} px</output>
        </div>
        <input id="editor-size" type="range" min={EDITOR_LIMITS.fontSize.min} max={EDITOR_LIMITS.fontSize.max} value={settings.editorFontSize} onChange={(e) => onChange({ editorFontSize: Number(e.target.value) })} />
      </div>
      <div className="field">
        <div className="field-row">
          <label htmlFor="line-width">Line width</label>
          <output htmlFor="line-width">{settings.lineWidth} characters</output>
        </div>
        <input id="line-width" type="range" step={1} min={EDITOR_LIMITS.lineWidth.min} max={EDITOR_LIMITS.lineWidth.max} value={settings.lineWidth} onChange={(e) => onChange({ lineWidth: Number(e.target.value) })} />
      </div>
      <label className="check">
        <input type="checkbox" checked={settings.smartQuotes} onChange={(e) => onChange({ smartQuotes: e.target.checked })} />
        Smart quotes and dashes (“ ” ’ — …)
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.typewriter} onChange={(e) => onChange({ typewriter: e.target.checked })} />
        Typewriter scrolling
      </label>
    </div>
  );
}

/** CSS custom properties of the page, from the settings. */
export function editorStyle(settings: Settings): Record<string, string> {
  const font = settings.editorFont === 'sans' ? 'var(--font-ui)' : settings.editorFont === 'serif' ? "'Iowan Old Style', Charter, Georgia, 'Noto Serif', serif" : 'var(--font-prose)';
  return { '--editor-font': font, '--editor-size': `${settings.editorFontSize}px`, '--line-width': `${settings.lineWidth}ch` };
}
