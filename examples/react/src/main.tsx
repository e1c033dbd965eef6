import { TouchloopProvider } from '@touchloop/react'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router'
import { App } from './App'
import { touchloopOptions } from './touchloop'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TouchloopProvider options={touchloopOptions}>
      <BrowserRouter basename="/react">
        <App />
      </BrowserRouter>
    </TouchloopProvider>
  </StrictMode>,
)
