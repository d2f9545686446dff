// The storefront page: catalog, cart, checkout and the order view.
//
// A checkout is safe to repeat: the cart's checkout carries one Idempotency-Key, kept (in this
// tab's sessionStorage) until that checkout has a final answer, and sent again on every retry, so
// a lost answer, a 409 (same key still in flight) or a 503 is retried without placing a second
// order. A new cart gets a new key.
//
// Served as a file of this origin (no inline script or handlers), for a Content-Security-Policy
// of default-src 'self'.
'use strict';

(() => {
  /** Tries of one checkout, the first included, before the shopper is asked to try again. */
  const CHECKOUT_ATTEMPTS = 5;
  /** Backoff between checkout tries without a Retry-After: 0.5 s, 1 s, 2 s, ... at most 4 s. */
  const RETRY_FIRST_MS = 500;
  const RETRY_MAX_MS = 4000;
  /** Longest Retry-After honoured, in ms; longer ones are cut to this. */
  const RETRY_AFTER_MAX_MS = 10000;
  /** Polling of a PENDING order: 1 s, doubling to at most 5 s, for at most 10 minutes. */
  const POLL_FIRST_MS = 1000;
  const POLL_MAX_MS = 5000;
  const POLL_FOR_MS = 10 * 60 * 1000;
  const ATTEMPT_STORAGE = 'storefront.checkout-attempt';
  const ORDER_ROUTE = /^#order\/([0-9a-fA-F-]{36})$/;

  const $ = id => document.getElementById(id);
  const form = $('checkout');
  const submit = $('submit');
  const emailInput = $('email');

  let catalog = [];
  let running = false;
  let pollGeneration = 0;
  /** The order of the last checkout answer, shown at once when the view opens. */
  let answeredOrder = null;
  /** Fallback when sessionStorage is unavailable (privacy settings). */
  let attemptInMemory = null;

  /**
   * A random (version 4) UUID from crypto.getRandomValues, which browsers offer in every context;
   * crypto.randomUUID exists only in secure contexts (HTTPS or localhost), not on a plain-HTTP
   * load balancer's address.
   */
  function newIdempotencyKey() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
    const hex = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function money(cents, currency) {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
  }

  function wait(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
  }

  function show(element, text) {
    element.textContent = text;
    element.hidden = false;
  }

  function hide(element) {
    element.hidden = true;
    element.textContent = '';
  }

  // --- the checkout attempt: one Idempotency-Key per cart until its checkout has an answer

  function savedAttempt() {
    try {
      return JSON.parse(sessionStorage.getItem(ATTEMPT_STORAGE) || 'null');
    } catch (unavailable) {
      return attemptInMemory;
    }
  }

  function saveAttempt(attempt) {
    attemptInMemory = attempt;
    try {
      if (attempt) {
        sessionStorage.setItem(ATTEMPT_STORAGE, JSON.stringify(attempt));
      } else {
        sessionStorage.removeItem(ATTEMPT_STORAGE);
      }
    } catch (unavailable) {
      // kept in memory only
    }
  }

  /** The attempt of this cart: the saved one if the cart is the same, else a new key. */
  function attemptFor(body) {
    const saved = savedAttempt();
    if (saved && saved.body === body) {
      return saved;
    }
    const attempt = { key: newIdempotencyKey(), body };
    saveAttempt(attempt);
    return attempt;
  }

  // --- catalog and cart

  async function loadCatalog() {
    const status = $('catalog-status');
    show(status, 'Loading the catalog…');
    $('catalog-error').hidden = true;
    let answer;
    try {
      answer = await request('/api/products');
    } catch (noAnswer) {
      catalogFailed('The catalog could not be reached. Check your connection, then try again.');
      return;
    }
    if (answer.status !== 200 || !Array.isArray(answer.body)) {
      catalogFailed(answer.status === 503
        ? 'The catalog is unavailable right now. Nothing was lost; please try again in a moment.'
        : `The catalog could not be loaded (HTTP ${answer.status}). Please try again in a moment.`);
      return;
    }
    catalog = answer.body;
    renderCatalog();
    hide(status);
  }

  function catalogFailed(message) {
    hide($('catalog-status'));
    $('catalog-error-text').textContent = message;
    $('catalog-error').hidden = false;
    submit.disabled = true;
  }

  function renderCatalog() {
    const template = $('product-row');
    const rows = catalog.map(product => {
      const row = template.content.firstElementChild.cloneNode(true);
      const id = `qty-${product.sku}`;
      row.dataset.sku = product.sku;
      row.querySelector('.name').textContent = product.name;
      row.querySelector('.description').textContent = product.description;
      row.querySelector('.price').textContent = money(product.unitPriceCents, product.currency);
      const label = row.querySelector('label');
      label.htmlFor = id;
      label.textContent = `Quantity of ${product.name}`;
      const input = row.querySelector('input');
      input.id = id;
      input.name = product.sku;
      const error = row.querySelector('.field-error');
      error.id = `${id}-error`;
      input.setAttribute('aria-describedby', error.id);
      return row;
    });
    $('products').replaceChildren(...rows);
    form.hidden = false;
    submit.disabled = false;
    updateTotal();
  }

  function quantityInputs() {
    return Array.from(document.querySelectorAll('#products input'));
  }

  /** The checkout body: every line whose quantity is not 0 or empty (the server validates). */
  function cart() {
    const items = quantityInputs()
      .filter(input => input.value.trim() !== '' && Number(input.value) !== 0)
      .map(input => ({ sku: input.name, quantity: Number(input.value) }));
    return { customerEmail: emailInput.value.trim(), items };
  }

  function updateTotal() {
    const cents = quantityInputs().reduce((sum, input) => {
      const product = catalog.find(p => p.sku === input.name);
      const quantity = Number(input.value);
      return Number.isInteger(quantity) && quantity > 0 ? sum + quantity * product.unitPriceCents : sum;
    }, 0);
    $('cart-total').textContent = money(cents, catalog.length ? catalog[0].currency : 'USD');
  }

  function resetCart() {
    quantityInputs().forEach(input => { input.value = '0'; });
    updateTotal();
  }

  // --- HTTP

  /**
   * One request; resolves to {status, headers, body} (body parsed from JSON or problem+json, else
   * null) and rejects when there is no complete answer (connection lost, body cut off).
   */
  async function request(path, options = {}) {
    const response = await fetch(path, {
      ...options,
      headers: { Accept: 'application/json, application/problem+json', ...(options.headers || {}) },
      cache: 'no-store'
    });
    const text = await response.text();
    let body = null;
    if (text && /json/.test(response.headers.get('Content-Type') || '')) {
      body = JSON.parse(text);
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** Delay before try n+1: the answer's Retry-After (seconds) if any, else exponential backoff. */
  function retryDelay(answer, tries) {
    const retryAfter = answer ? Number(answer.headers.get('Retry-After')) : NaN;
    if (Number.isFinite(retryAfter) && retryAfter >= 0) {
      return Math.min(retryAfter * 1000, RETRY_AFTER_MAX_MS);
    }
    return Math.min(RETRY_FIRST_MS * 2 ** (tries - 1), RETRY_MAX_MS);
  }

  // --- checkout

  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (running) {
      return;
    }
    running = true;
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await checkout();
    } finally {
      running = false;
      submit.disabled = catalog.length === 0;
      form.removeAttribute('aria-busy');
    }
  });

  form.addEventListener('input', event => {
    if (event.target.type === 'number') {
      updateTotal();
    }
  });

  async function checkout() {
    clearErrors();
    const order = cart();
    const body = JSON.stringify(order);
    const attempt = attemptFor(body);
    const status = $('checkout-status');
    for (let tries = 1; tries <= CHECKOUT_ATTEMPTS; tries++) {
      show(status, tries === 1 ? 'Placing your order…'
        : `Placing your order… (try ${tries} of ${CHECKOUT_ATTEMPTS})`);
      let answer = null;
      try {
        answer = await request('/api/checkout', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': attempt.key },
          body
        });
      } catch (noAnswer) {
        // The order may or may not be stored: only a retry with the same key can tell safely.
      }
      if (answer && answer.status >= 200 && answer.status < 300 && answer.body) {
        saveAttempt(null);
        hide(status);
        resetCart();
        answeredOrder = answer.body;
        location.hash = `order/${answer.body.orderId}`;
        return;
      }
      const retriable = !answer || answer.status === 409 || answer.status === 502 || answer.status === 503
        || answer.status === 504;
      if (!retriable) {
        // A final answer: nothing was stored, so this key is done with.
        saveAttempt(null);
        hide(status);
        showProblem(answer, order.items);
        return;
      }
      if (tries < CHECKOUT_ATTEMPTS) {
        const delay = retryDelay(answer, tries);
        show(status, `${!answer ? 'No answer from the store'
          : answer.status === 409 ? 'Your order is still being placed' : 'The store is busy'}; `
          + `trying again in ${Math.max(1, Math.round(delay / 1000))} s…`);
        await wait(delay);
      }
    }
    hide(status);
    // The key is kept: checking out again with this cart cannot place a second order.
    show($('checkout-error'), 'The store did not confirm your order. It may still go through: '
      + 'press Check out again to retry safely. It will not be placed twice.');
  }

  function clearErrors() {
    hide($('checkout-error'));
    hide($('items-error'));
    hide($('email-error'));
    document.querySelectorAll('[aria-invalid]').forEach(input => input.removeAttribute('aria-invalid'));
    document.querySelectorAll('#products .field-error').forEach(hide);
  }

  function markInvalid(input, errorElement, message) {
    input.setAttribute('aria-invalid', 'true');
    show(errorElement, message);
  }

  function rowOf(sku) {
    return quantityInputs().find(input => input.name === sku);
  }

  /** An RFC 9457 problem: each entry of `errors` next to its field, the rest in the alert. */
  function showProblem(answer, items) {
    const problem = answer.body || {};
    const unplaced = [];
    let firstInvalid = null;
    const mark = (input, errorElement, message) => {
      markInvalid(input, errorElement, message);
      firstInvalid = firstInvalid || input;
    };
    for (const error of Array.isArray(problem.errors) ? problem.errors : []) {
      const line = /^items\[(\d+)\]/.exec(error.field);
      const input = line && items[Number(line[1])] ? rowOf(items[Number(line[1])].sku) : null;
      if (error.field === 'customerEmail') {
        mark(emailInput, $('email-error'), `E-mail ${error.message}`);
      } else if (input) {
        mark(input, $(input.getAttribute('aria-describedby')), `Quantity ${error.message}`);
      } else if (error.field === 'items') {
        show($('items-error'), items.length === 0 ? 'Choose at least one product.' : `Products: ${error.message}`);
        firstInvalid = firstInvalid || quantityInputs()[0];
      } else {
        unplaced.push(`${error.field} ${error.message}`);
      }
    }
    for (const sku of Array.isArray(problem.skus) ? problem.skus : []) {
      const input = rowOf(sku);
      if (input) {
        mark(input, $(input.getAttribute('aria-describedby')), 'No longer for sale');
      }
    }
    const summary = firstInvalid && unplaced.length === 0
      ? 'Please correct the marked fields.'
      : [problem.detail || problem.title || `The checkout failed (HTTP ${answer.status}).`, ...unplaced].join(' ');
    show($('checkout-error'), summary);
    (firstInvalid || submit).focus();
  }

  // --- the order view: #order/{orderId}

  function renderOrder(order) {
    $('order-id').textContent = order.orderId;
    const status = $('order-status');
    status.textContent = order.status;
    status.className = `status status-${order.status}`;
    $('order-total').textContent = money(order.totalCents, order.currency);
    $('order-email').textContent = order.customerEmail;
    $('order-created').textContent = new Date(order.createdAt).toLocaleString('en-US');
    $('order-lines').replaceChildren(...order.items.map(line => {
      const row = document.createElement('tr');
      [line.sku, String(line.quantity), money(line.unitPriceCents, order.currency)].forEach((text, i) => {
        const cell = document.createElement('td');
        cell.textContent = text;
        if (i > 0) {
          cell.className = 'number';
        }
        row.append(cell);
      });
      return row;
    }));
    $('order-message').textContent = {
      PAID: 'Paid. Thank you for your order.',
      DECLINED: 'The payment was declined. Nothing was charged.',
      PENDING: 'Waiting for the payment to be confirmed. This page updates by itself.'
    }[order.status] || '';
  }

  /** Shows the order and, while it is PENDING, reads it again with backoff until it settles. */
  async function followOrder(orderId, known) {
    const generation = ++pollGeneration;
    const current = () => generation === pollGeneration;
    const message = $('order-message');
    const until = Date.now() + POLL_FOR_MS;
    let order = known && known.orderId === orderId ? known : null;
    let delay = POLL_FIRST_MS;
    let readNow = !order;
    while (current()) {
      if (order) {
        renderOrder(order);
        if (order.status !== 'PENDING') {
          return;
        }
        if (Date.now() > until) {
          message.textContent = 'The payment is still not confirmed. Reload this page later to see the outcome.';
          return;
        }
      }
      if (!readNow) {
        await wait(delay);
        delay = Math.min(delay * 2, POLL_MAX_MS);
        if (!current()) {
          return;
        }
      }
      readNow = false;
      let answer = null;
      try {
        answer = await request(`/api/orders/${encodeURIComponent(orderId)}`);
      } catch (noAnswer) {
        // read again after the backoff
      }
      if (!current()) {
        return;
      }
      if (answer && answer.status === 404) {
        $('order-title').textContent = 'Order not found';
        message.textContent = `There is no order ${orderId}.`;
        return;
      }
      if (answer && answer.status === 200 && answer.body) {
        order = answer.body;
      } else if (!order) {
        message.textContent = 'The order cannot be read right now; trying again…';
      }
    }
  }

  function route() {
    const match = ORDER_ROUTE.exec(location.hash);
    $('shop').hidden = Boolean(match);
    $('order').hidden = !match;
    if (match) {
      $('order-title').textContent = 'Order';
      followOrder(match[1].toLowerCase(), answeredOrder);
      answeredOrder = null;
      $('order-title').focus();
    } else {
      pollGeneration++;
      if (catalog.length === 0) {
        loadCatalog();
      }
    }
  }

  $('catalog-retry').addEventListener('click', loadCatalog);
  window.addEventListener('hashchange', route);
  route();
})();
