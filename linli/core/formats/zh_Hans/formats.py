"""Numbers in Simplified Chinese as the platform's tables and exports show them: grouped by
thousands with commas (2,957,040). Django's own zh_Hans formats group by nothing, so a
dashboard's cards (``intcomma``) read 2957040 beside a table's 2,957,040. Everything else comes
from Django's zh_Hans formats."""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
