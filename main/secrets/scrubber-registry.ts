// The logger's scrubber set, shared by holders of secrets: a secret is added with the forms it
// takes inside JSON and URLs, counted per holder, and a value that was in the set before it
// came is never removed.

export interface ScrubberRegistry {
  add(secret: string): void;
  remove(secret: string): void;
}

export function createScrubberRegistry(secrets: Set<string>): ScrubberRegistry {
  const counts = new Map<string, number>();
  const forms = (secret: string): string[] => [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
  return {
    add(secret) {
      for (const form of forms(secret)) {
        const count = counts.get(form);
        if (count !== undefined) counts.set(form, count + 1);
        else if (!secrets.has(form)) {
          counts.set(form, 1);
          secrets.add(form);
        }
      }
    },
    remove(secret) {
      for (const form of forms(secret)) {
        const count = counts.get(form);
        if (count === undefined) continue;
        if (count > 1) counts.set(form, count - 1);
        else {
          counts.delete(form);
          secrets.delete(form);
        }
      }
    },
  };
}
