"""Pure, typed tool functions: market metrics, valuation arithmetic and citation lookup."""
