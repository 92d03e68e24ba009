import {
  DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformElement, TerraformProvider, TerraformResource, TerraformStack,
  TerraformVariable, Tokenization,
} from "cdktf";
import { RuleContext, TerraformBlock } from "./rule";

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** The key rules use for an element (`aws_vpc`, `data.<type>`, `provider.<type>`), or undefined for other elements. */
export function blockKey(element: unknown): string | undefined {
  if (TerraformResource.isTerraformResource(element)) return element.terraformResourceType;
  if (TerraformDataSource.isTerraformDataSource(element)) return `data.${element.terraformResourceType}`;
  if (TerraformProvider.isTerraformProvider(element)) return `provider.${element.terraformResourceType}`;
  return undefined;
}

/**
 * A stack's blocks for the rules: the index by key is built on the first cross-resource lookup, and each block's
 * config is resolved once, on first use, so only blocks some rule asks about are resolved.
 */
export class StackContext implements RuleContext {
  private index?: Map<string, TerraformElement[]>;
  private variables?: Set<string>;
  private readonly resolved = new Map<TerraformElement, TerraformBlock | undefined>();

  constructor(
    private readonly stack: TerraformStack,
    readonly production: boolean,
  ) {}

  blocks(key: string): readonly TerraformBlock[] {
    const out: TerraformBlock[] = [];
    for (const element of this.elements().get(key) ?? []) {
      const block = this.block(element);
      if (block) out.push(block);
    }
    return out;
  }

  isReferenceTo(value: unknown, block: TerraformBlock): boolean {
    if (typeof value !== "string" || !value.startsWith(`\${${block.address}.`) || !value.endsWith("}")) return false;
    return !value.slice(2, -1).includes("${") && /^[\w-]+$/.test(value.slice(block.address.length + 3, -1));
  }

  isSensitiveVariable(name: string): boolean {
    this.variables ??= new Set(
      this.stack.node.findAll().filter((c): c is TerraformVariable => c instanceof TerraformVariable && c.sensitive === true).map((v) => v.friendlyUniqueId),
    );
    return this.variables.has(name);
  }

  /** The element as a rule sees it (resolved config), or undefined when it synthesizes no block (moved away). */
  block(element: TerraformElement): TerraformBlock | undefined {
    if (this.resolved.has(element)) return this.resolved.get(element);
    const key = blockKey(element)!;
    const type = key.replace(/^(data|provider)\./, "");
    const tf = Tokenization.resolve(element.toTerraform(), { scope: this.stack, preparing: false, resolver: RESOLVER });
    let block: TerraformBlock | undefined;
    if (TerraformProvider.isTerraformProvider(element)) {
      const config = tf.provider?.[type]?.[0];
      const address = `provider.${type}${element.alias ? `.${element.alias}` : ""}`;
      block = config && { kind: "provider", type, address, path: element.node.path, config, construct: element };
    } else {
      const kind = TerraformDataSource.isTerraformDataSource(element) ? "data" : "resource";
      const config = (kind === "data" ? tf.data : tf.resource)?.[type]?.[element.friendlyUniqueId];
      const address = `${kind === "data" ? "data." : ""}${type}.${element.friendlyUniqueId}`;
      block = config && { kind, type, address, path: element.node.path, config, construct: element };
    }
    this.resolved.set(element, block);
    return block;
  }

  private elements(): Map<string, TerraformElement[]> {
    if (!this.index) {
      this.index = new Map();
      for (const c of this.stack.node.findAll()) {
        const key = blockKey(c);
        if (!key) continue;
        const list = this.index.get(key);
        if (list) list.push(c as TerraformElement);
        else this.index.set(key, [c as TerraformElement]);
      }
    }
    return this.index;
  }
}
