"""`site_build.py import`: a council's report, plan or web page read into a draft strategy for officers to finish."""
