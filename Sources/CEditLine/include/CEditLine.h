#ifndef DOCKSWEEP_CEDITLINE_H
#define DOCKSWEEP_CEDITLINE_H

// libedit's readline interface, opened when the REPL first needs it: a run that never reads a line
// does not load libedit and the libraries it needs (libtinfo, libbsd, libmd). The library's state
// lives in C globals, which Swift 6 cannot touch safely; these functions are the only way the editor
// reaches them. Call `ds_el_open` first; the others require that it succeeded.

typedef char **(*ds_completer_fn)(const char *text, int start, int end);

/// Opens libedit (`libedit.so.2`) and finds what the editor uses. Returns NULL when it is ready, else the
/// loader's reason (valid until the next loader call). Opening again after success does nothing.
const char *ds_el_open(void);

/// Names the program (for ~/.editrc), sets the characters that end a word for completion, and makes a
/// completed word stand as is: nothing is appended (a completed `docker.images` is followed by `(` or `.`,
/// never by the space readline adds by default).
void ds_el_configure(const char *name, const char *word_breaks);

/// Installs the completion function; it returns a malloc'd NULL-terminated array or NULL.
void ds_el_set_completer(ds_completer_fn f);

/// The line being edited (valid inside the completion function).
const char *ds_el_line_buffer(void);

/// Tells libedit not to fall back to file-name completion.
void ds_el_completion_over(void);

/// Reads a line with `prompt`: a malloc'd string, or NULL at end of input.
char *ds_el_readline(const char *prompt);

/// Adds `line` to the history.
void ds_el_add_history(const char *line);

/// Keeps at most `max` history entries.
void ds_el_stifle_history(int max);

#endif
