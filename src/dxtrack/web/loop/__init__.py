"""Pages of the reporting loop: a user's calls, a unit's form (drafts by htmx, the validation report, the Excel
template down and up, the history), and for the coordinator the board, the review queue and overdue tasks."""
