/**
 * Tabs after the WAI-ARIA pattern: a tablist of buttons (arrow keys, Home and End move between them), one panel
 * shown. Ant Design's tabs put a non-tab control inside their tablist, which axe reports as a critical violation.
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem {
  key: string;
  label: string;
  children: ReactNode;
}

export function Tabs({ items, label }: { items: TabItem[]; label: string }) {
  const [active, setActive] = useState(items[0]?.key);
  const base = useId();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const index = Math.max(0, items.findIndex((item) => item.key === active));

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: items.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = items[(moves[event.key] + items.length) % items.length];
    setActive(next.key);
    buttons.current.get(next.key)?.focus();
  }

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tabs-list" onKeyDown={onKeyDown}>
        {items.map((item, position) => (
          <button
            key={item.key}
            ref={(node) => {
              if (node) buttons.current.set(item.key, node);
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${item.key}`}
            aria-selected={position === index}
            aria-controls={`${base}-panel-${item.key}`}
            tabIndex={position === index ? 0 : -1}
            className="tabs-tab"
            onClick={() => setActive(item.key)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel-${items[index].key}`} aria-labelledby={`${base}-tab-${items[index].key}`} className="tabs-panel" tabIndex={0}>
        {items[index].children}
      </div>
    </div>
  );
}
