-- Neovim's built-in LSP client (0.7 or later) attached to `mtlint --lsp`:
-- opens the Markdown file given on the command line, waits for the
-- server's diagnostics, asks for a hover on the first one, applies the
-- quick fix of a doubled word and waits for the new diagnostics, writes
-- all that as JSON to $MTLINT_NVIM_OUT and quits. Run by tests/lsp/nvim.py:
--   MTLINT_BIN=... MTLINT_NVIM_OUT=... nvim --headless -u tests/lsp/init.lua FILE.md
local bin = assert(os.getenv('MTLINT_BIN'), 'MTLINT_BIN not set')
local out = assert(os.getenv('MTLINT_NVIM_OUT'), 'MTLINT_NVIM_OUT not set')

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({ name = 'mtlint', cmd = { bin, '--lsp' }, root_dir = vim.fn.getcwd() })
  vim.lsp.buf_attach_client(buf, id)
  local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  local result = { attached = got, diagnostics = {}, hover = vim.NIL }
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code, source = d.source, message = d.message,
    })
  end
  local first = vim.diagnostic.get(buf)[1]
  if first then
    -- a hover where the first diagnostic starts, as a user's cursor would be
    vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col })
    local answers = vim.lsp.buf_request_sync(buf, 'textDocument/hover', vim.lsp.util.make_position_params(), 10000)
    for _, a in pairs(answers or {}) do
      if a.result then result.hover = a.result.contents.value end
    end
  end
  -- the preferred quick fix of the first doubled word, applied as a user
  -- would; then the diagnostics of the fixed text
  local dw
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'MT.DoubledWord' and not dw then dw = d end
  end
  if dw then
    local client = vim.lsp.get_client_by_id(id)
    vim.api.nvim_win_set_cursor(0, { dw.lnum + 1, dw.col })
    local pos = vim.lsp.util.make_position_params().position
    local params = { textDocument = vim.lsp.util.make_text_document_params(buf),
                     range = { start = pos, ['end'] = pos }, context = { diagnostics = {} } }
    local answers = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000)
    for _, a in pairs(answers or {}) do
      for _, action in ipairs(a.result or {}) do
        if action.isPreferred and not result.fix then
          result.fix = action.title
          vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        end
      end
    end
    local function gone()
      for _, d in ipairs(vim.diagnostic.get(buf)) do
        if d.code == 'MT.DoubledWord' and d.lnum == dw.lnum then return false end
      end
      return true
    end
    result.fixed = vim.wait(30000, gone, 20)
    result.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
    result.after = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(result.after, {
        lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
        severity = d.severity, code = d.code, source = d.source, message = d.message,
      })
    end
  end
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.lsp.stop_client(id)
  vim.cmd('qa!')
end

vim.api.nvim_create_autocmd('VimEnter', { callback = run })
