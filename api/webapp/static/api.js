// The GraphQL client of the web app: one POST per question, the bearer token from the session.
const TOKEN_KEY = "credgraph.token";

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value.trim());
  else sessionStorage.removeItem(TOKEN_KEY);
}

// The token's claims as the app reads them (for labels and defaults only: the API decides).
export function tokenClaims() {
  const value = token();
  if (!value) return null;
  try {
    return JSON.parse(atob(value.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return null;
  }
}

// An error the API (or the network) gave, in words for the page.
export class ApiError extends Error {}

// Runs one GraphQL document; answers `data`, or throws an ApiError that says what went wrong.
export async function gql(query, variables = {}) {
  const headers = { "content-type": "application/json", accept: "application/json" };
  if (token()) headers.authorization = `Bearer ${token()}`;
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new ApiError(`The API could not be reached (${error.message}).`);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The API answered ${response.status} ${response.statusText} without a JSON body.`);
  }
  if (body.errors && body.errors.length) {
    const words = body.errors.map((e) => {
      const code = e.extensions && e.extensions.code ? ` [${e.extensions.code}]` : "";
      return `${e.message}${code}`;
    });
    const more = words.length > 3 ? ` (and ${words.length - 3} more)` : "";
    throw new ApiError(words.slice(0, 3).join("; ") + more);
  }
  if (!response.ok) throw new ApiError(`The API answered ${response.status} ${response.statusText}.`);
  return body.data;
}

// A mutation's typed result: the value, or an ApiError with the problem's message.
export function unwrap(result, okType) {
  if (result && result.__typename === okType) return result;
  const message = result && result.message ? result.message : "the API refused the change";
  const fields = result && result.fields ? result.fields.map((f) => `${f.field}: ${f.message}`) : [];
  throw new ApiError([`${result ? result.__typename : "Error"}: ${message}`, ...fields].join("; "));
}
