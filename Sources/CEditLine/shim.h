#ifndef DOCKSWEEP_CEDITLINE_SHIM_H
#define DOCKSWEEP_CEDITLINE_SHIM_H

// libedit's readline interface. Its state lives in C globals, which Swift 6
// cannot touch safely; these accessors are the only way the editor reaches them.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <editline/readline.h>

typedef char **(*ds_completer_fn)(const char *text, int start, int end);

/// Names the program (for ~/.editrc), sets the characters that end a word for completion, and makes a
/// completed word stand as is: nothing is appended (a completed `docker.images` is followed by `(` or `.`,
/// never by the space readline adds by default).
static inline void ds_el_configure(const char *name, const char *word_breaks) {
  rl_readline_name = strdup(name);
  rl_basic_word_break_characters = strdup(word_breaks);
  rl_completion_append_character = '\0';
}

/// Installs the completion function; it returns a malloc'd NULL-terminated array or NULL.
static inline void ds_el_set_completer(ds_completer_fn f) {
  rl_attempted_completion_function = (rl_completion_func_t *)f;
}

/// The line being edited (valid inside the completion function).
static inline const char *ds_el_line_buffer(void) { return rl_line_buffer; }

/// Tells libedit not to fall back to file-name completion.
static inline void ds_el_completion_over(void) { rl_attempted_completion_over = 1; }

#endif
