import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, openFirstDay } from './app/App.tsx';
import './styles.css';

// Main fetches the first day while React starts and the app asks who it is.
openFirstDay();

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
