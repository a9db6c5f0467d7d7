import { PAGES } from './pages';
import { useTheme } from './theme';

export function AppHeader({ current }: { current: string }) {
  const { theme, toggle } = useTheme();
  return (
    <header className="app-header">
      <a className="brand" href={`#/${PAGES[0].id}`}>
        Gauntlet <span className="brand-sub">equivariance workbench</span>
      </a>
      <nav aria-label="Pages">
        <ul>
          {PAGES.map((page) => (
            <li key={page.id}>
              <a href={`#/${page.id}`} aria-current={page.id === current ? 'page' : undefined}>
                {page.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <button
        type="button"
        className="theme-toggle"
        aria-label="Toggle theme"
        title={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        onClick={toggle}
      >
        <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
      </button>
    </header>
  );
}
