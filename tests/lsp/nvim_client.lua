-- Neovim's built-in LSP client against `drslint lsp` (run by nvim_test.sh): opens the body,
-- waits for the diagnostics, writes "CODE LINE" for each, applies the "fix all" code action,
-- and writes the buffer. Neovim 0.7's API (vim.lsp.start_client), as Debian 12 ships.
local drslint, file, out = os.getenv("DRSLINT"), os.getenv("BODY"), os.getenv("OUT")
local result = {}
local function finish(status)
  table.insert(result, "status " .. status)
  vim.fn.writefile(result, out)
  vim.cmd("qa!")
end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "drslint",
  cmd = { drslint, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
if not client_id then return finish("no-client") end
vim.lsp.buf_attach_client(bufnr, client_id)
if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
  return finish("no-diagnostics")
end
local diagnostics = vim.diagnostic.get(bufnr)
table.sort(diagnostics, function(a, b) return a.lnum < b.lnum end)
for _, d in ipairs(diagnostics) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(result, "diagnostic " .. tostring(code) .. " " .. (d.lnum + 1))
end

local client = vim.lsp.get_client_by_id(client_id)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = { start = { line = 0, character = 0 }, ["end"] = { line = vim.api.nvim_buf_line_count(bufnr), character = 0 } },
  context = { diagnostics = {}, only = { "source.fixAll" } },
}
local response = client.request_sync("textDocument/codeAction", params, 10000, bufnr)
if not response or response.err or not response.result then return finish("no-code-action") end
for _, action in ipairs(response.result) do
  if action.kind == "source.fixAll.drslint" then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    table.insert(result, "applied " .. action.title)
  end
end
for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
  table.insert(result, "buffer " .. line)
end
client.stop()
finish("ok")
