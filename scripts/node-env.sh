# Sourced by the scripts that run the project: puts the Node.js that scripts/ensure-tools.sh installed in the tool
# cache (when the machine's node is older than 24) first on PATH, so node, npx, jest and ts-node all run under it.
REGLIFE_NODE_DIR="${REGLIFE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reglife}/node/bin"
if [ -x "$REGLIFE_NODE_DIR/node" ]; then
  export PATH="$REGLIFE_NODE_DIR:$PATH"
fi
unset REGLIFE_NODE_DIR
