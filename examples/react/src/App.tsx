// Four ways a survey reaches the user, one per page:
// - Account: a route change (the survey's `pageview` touchpoint with a URL rule; core follows the router).
// - Basket: an action (`track('checkout_completed')` when the order is placed).
// - Help: an inline survey rendered where <InlineSurvey> sits.
// - Contact: a feedback tab (presentation "tab") that waits at the edge until the user opens it.
import { InlineSurvey, useTouchloop, useTouchloopEvent } from '@touchloop/react'
import { useState } from 'react'
import { NavLink, Route, Routes } from 'react-router'

export function App() {
  const [thanks, setThanks] = useState('')
  useTouchloopEvent('survey:completed', ({ surveyId }) => setThanks(`Answer to "${surveyId}" saved.`))
  return (
    <>
      <nav aria-label="Main">
        <NavLink to="/" end>
          Shop
        </NavLink>
        <NavLink to="/basket">Basket</NavLink>
        <NavLink to="/account">Account</NavLink>
        <NavLink to="/help">Help</NavLink>
        <NavLink to="/contact">Contact</NavLink>
      </nav>
      <main>
        <Routes>
          <Route index element={<Shop />} />
          <Route path="basket" element={<Basket />} />
          <Route path="account" element={<Account />} />
          <Route path="help" element={<Help />} />
          <Route path="contact" element={<Contact />} />
        </Routes>
        <p role="status">{thanks}</p>
      </main>
    </>
  )
}

function Shop() {
  return (
    <>
      <h1>Acme shop</h1>
      <p>Espresso machine, 120.00 €.</p>
    </>
  )
}

function Basket() {
  const touchloop = useTouchloop()
  const [placed, setPlaced] = useState(false)
  return (
    <>
      <h1>Basket</h1>
      <p>
        1 × Espresso machine, <strong>120.00 €</strong>.
      </p>
      <button
        type="button"
        onClick={() => {
          touchloop.track('checkout_completed', { orderValue: 120 })
          setPlaced(true)
        }}
      >
        Complete checkout
      </button>
      {placed && <p>Order placed.</p>}
    </>
  )
}

function Account() {
  return (
    <>
      <h1>Account</h1>
      <p>Signed in as Ada (demo).</p>
    </>
  )
}

function Help() {
  return (
    <>
      <h1>How do I descale my espresso machine?</h1>
      <p>Fill the tank with descaler, run it through the steam wand, then rinse twice with fresh water.</p>
      <InlineSurvey surveyId="help-article-rating" className="survey-slot" />
    </>
  )
}

function Contact() {
  return (
    <>
      <h1>Contact</h1>
      <p>Write to support@example.com, or use the Feedback tab at the edge of the page.</p>
    </>
  )
}
