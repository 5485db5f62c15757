" Vim compiler file for mtlint, the linter for machine-translated news.
"
" mtlint counts columns in characters (code points), as Emacs, VS Code and
" GCC do; Vim's %c counts bytes and would put the cursor too early after
" every accented letter or curly quote, so this errorformat reads the
" column with %v. Install: copy this file to ~/.vim/compiler/ (or add
" docs/vim to 'runtimepath'), then in a buffer:
"   :compiler mtlint
"   :make                   checks the current file
"   :make --source es       with the options you need
" A tab counts as one character for mtlint but as up to 'tabstop' screen
" columns for %v: on lines with tabs the cursor can land late.

if exists('current_compiler')
  finish
endif
let current_compiler = 'mtlint'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

CompilerSet makeprg=mtlint\ --color\ never\ $*\ %:S
CompilerSet errorformat=%f:%l:%v:\ %trror:\ %m,
                       \%f:%l:%v:\ %tarning:\ %m,
                       \%f:%l:%v:\ %tnfo:\ %m,
                       \%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
