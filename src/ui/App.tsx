import { AppHeader } from './AppHeader';
import { PAGES } from './pages';
import { StatusBar } from './StatusBar';
import { useHashRoute } from './use-hash-route';

const PAGE_IDS = PAGES.map((p) => p.id);

/** App shell: header with nav, the current page, and the status bar. */
export function App() {
  const route = useHashRoute(PAGE_IDS, PAGES[0].id);
  const page = PAGES.find((p) => p.id === route) ?? PAGES[0];
  return (
    <div className="app">
      <AppHeader current={page.id} />
      <main className="app-main">
        <page.Component />
      </main>
      <StatusBar />
    </div>
  );
}
