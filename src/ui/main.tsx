import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createGauntletStore } from '../store/store';
import { App } from './App';
import { EngineClient } from './engine-client';
import { StoreProvider } from './store-context';
import { applyStoredTheme } from './theme';
import './styles.css';

applyStoredTheme();

// One worker and one store for the page's lifetime; the worker opens the GPU as soon as it starts.
const client = new EngineClient();
const store = createGauntletStore(client);
void store.getState().connect();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
