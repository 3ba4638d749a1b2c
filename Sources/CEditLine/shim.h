#ifndef CHM_CEDITLINE_SHIM_H
#define CHM_CEDITLINE_SHIM_H
#include <stdio.h>
#include <editline/readline.h>

/*
 * Setters and getters for libedit's readline-compatible globals. Swift 6
 * rejects direct use of mutable C globals (shared mutable state), so the
 * Console module reaches them only through these functions, always from the
 * thread that calls readline().
 */

/* Installs the function readline calls on Tab. */
static inline void chm_rl_set_attempted_completion(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}

/* 1: the completion function's answer is final; 0: fall back to file names. */
static inline void chm_rl_set_attempted_completion_over(int over) {
    rl_attempted_completion_over = over;
}

/* The line being edited, as seen by a completion function. */
static inline const char *chm_rl_line_buffer(void) {
    return rl_line_buffer;
}

/*
 * Characters that end a word for completion: SQL punctuation and operators,
 * but not '.' (table.column), ':' (parameters), or '/' and '-', which occur
 * in the file names .read and .output complete.
 */
static inline void chm_rl_set_sql_word_breaks(void) {
    static char breaks[] = " \t\n\"'`@$><=;|&{(),+*%";
    rl_basic_word_break_characters = breaks;
    rl_completer_word_break_characters = breaks;
}

/* The application name ~/.editrc rules can match; call before the first readline(). */
static inline void chm_rl_set_name(const char *name) {
    rl_readline_name = name;
}

/* Sends prompts and echo to standard error (when standard output is redirected);
   call before the first readline(). */
static inline void chm_rl_prompt_to_stderr(void) {
    rl_outstream = stderr;
}

#endif
