/**
 * The api's routes and their methods, from its OpenAPI document: a request to a known path with another method
 * is answered 405 with `Allow` instead of 404 (RFC 9110).
 */
import type { OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export class RouteTable {
  private readonly routes: { pattern: RegExp; methods: string[]; parameters: number }[];

  constructor(document: OpenAPIObject) {
    this.routes = Object.entries(document.paths).map(([path, item]) => ({
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
      methods: Object.keys(item).filter((key) => METHODS.includes(key)).map((m) => m.toUpperCase()),
      parameters: (path.match(/\{/g) ?? []).length,
    }));
  }

  /**
   * The methods of the resource at this path, or null when there is none. When several documented paths match
   * (`/reports/runs` and `/reports/{id}`), the most literal one names the resource.
   */
  allowedMethods(path: string): string[] | null {
    const matches = this.routes.filter((route) => route.pattern.test(path));
    if (matches.length === 0) return null;
    const fewest = Math.min(...matches.map((route) => route.parameters));
    return [...new Set(matches.filter((route) => route.parameters === fewest).flatMap((route) => route.methods))].sort();
  }
}
