// tf-check: where Terraform and the local provider mirror are. Nothing is downloaded: without a terraform CLI or
// a mirror of the providers, the stacks are reported as skipped.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

const PLATFORM = `${{ win32: "windows" }[process.platform] || process.platform}_${{ x64: "amd64", ia32: "386" }[process.arch] || process.arch}`;

function discoverTerraform() {
  const name = process.env.TERRAFORM_BINARY_NAME || "terraform";
  const candidates = name.includes(path.sep)
    ? [path.resolve(name)]
    : (process.env.PATH || "").split(path.delimiter).filter(Boolean).map((d) => path.join(d, name));
  return candidates.find((f) => isExecutable(f)) || null;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function subdirs(dir) {
  try {
    return fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isDirectory()); // stat: follows symlinks
  } catch {
    return [];
  }
}

// Providers in the unpacked layout <dir>/<hostname>/<namespace>/<type>/<version>/<os>_<arch>/terraform-provider-<type>_v*.
function providersIn(dir) {
  const found = {};
  for (const host of subdirs(dir).filter((n) => /^[\w-]+(\.[\w-]+)+$/.test(n)))
    for (const ns of subdirs(path.join(dir, host)))
      for (const type of subdirs(path.join(dir, host, ns)))
        for (const version of subdirs(path.join(dir, host, ns, type))) {
          let files = [];
          try {
            files = fs.readdirSync(path.join(dir, host, ns, type, version, PLATFORM));
          } catch {}
          if (files.some((f) => f.startsWith(`terraform-provider-${type}_v`)))
            (found[`${host}/${ns}/${type}`.toLowerCase()] ||= []).push(version);
        }
  return found;
}

// A mirror can sit at a likely root or a couple of levels below it (e.g. /opt/<something>/).
function searchUnder(dir, depth) {
  if (Object.keys(providersIn(dir)).length) return dir;
  if (depth === 0) return null;
  for (const sub of subdirs(dir)) {
    if (sub === "node_modules" || sub.startsWith(".")) continue;
    const hit = searchUnder(path.join(dir, sub), depth - 1);
    if (hit) return hit;
  }
  return null;
}

// Last resort: a bounded `find /`; the mirror root is six levels above the provider binary.
function findEverywhere() {
  const prune = ["/proc", "/sys", "/dev", "/work"].flatMap((p) => ["-path", p, "-o"]);
  const r = spawnSync("find", ["/", "(", ...prune, "-name", "node_modules", ")", "-prune", "-o",
    "-type", "f", "-name", "terraform-provider-*_v*", "-print"], { encoding: "utf8", timeout: 20000 });
  for (const file of (r.stdout || "").split("\n").filter(Boolean)) {
    const dir = path.resolve(file, "../../../../../..");
    if (Object.keys(providersIn(dir)).length) return dir;
  }
  return null;
}

let mirrorCache;
/** -> { root, providers: { "registry.terraform.io/hashicorp/aws": ["5.100.0"] } } or { root: null, providers: {}, missing } */
function discoverMirror() {
  if (mirrorCache) return mirrorCache;
  let dir;
  if (process.env.TF_PLUGIN_MIRROR) {
    dir = path.resolve(process.env.TF_PLUGIN_MIRROR); // explicit setting: no guessing elsewhere
  } else {
    const home = os.homedir();
    const likely = ["/opt", "/usr/local/share", "/usr/local/lib", "/usr/share",
      path.join(home, ".terraform.d/plugins"), path.join(home, ".local/share/terraform/plugins")];
    dir = likely.reduce((hit, d) => hit || searchUnder(d, 2), null) || findEverywhere();
  }
  const providers = dir ? providersIn(dir) : {};
  mirrorCache = Object.keys(providers).length
    ? { root: dir, providers }
    : { root: null, providers: {}, missing: process.env.TF_PLUGIN_MIRROR
      ? `no ${PLATFORM} providers in TF_PLUGIN_MIRROR=${process.env.TF_PLUGIN_MIRROR}`
      : `no local Terraform provider mirror found (set TF_PLUGIN_MIRROR)` };
  return mirrorCache;
}

module.exports = { discoverTerraform, discoverMirror, PLATFORM };
