"""Extract numeric claims from a folder of articles with Apache Spark, into Parquet.

    python examples/spark_extract.py ARTICLES/ CLAIMS/ [--master local[*]]
    spark-submit examples/spark_extract.py ARTICLES/ CLAIMS/

ARTICLES/ holds JSON-lines files (one article object per line: "text" and optionally "title",
"published", "url", "publisher", "id") or Parquet files with those columns. CLAIMS/ gets one
Parquet row per claim, in the schema of claimex.spark.claims_schema(): the records of
`claimex extract`, with nested objects as structs. Every executor needs `pip install claimex`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from claimex.spark import extract_claims


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("articles", help="folder of *.jsonl or *.parquet articles")
    args.add_argument("claims", help="folder to write the claims to (Parquet; replaced)")
    args.add_argument("--master", default=None, help="Spark master when not run by spark-submit, e.g. local[4]")
    args.add_argument("--gazetteers", default=None, help="gazetteer folder instead of the bundled one")
    opts = args.parse_args()

    # Executors run this interpreter (and so this installation of claimex) unless told otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("claimex")
    if opts.master:
        builder = builder.master(opts.master)
    spark = builder.getOrCreate()
    try:
        folder = Path(opts.articles)
        if any(folder.rglob("*.parquet")):
            articles = spark.read.parquet(str(folder))
        else:
            fields = "text STRING, title STRING, published STRING, url STRING, publisher STRING, id STRING"
            articles = spark.read.schema(fields).option("pathGlobFilter", "*.jsonl").json(str(folder))
        # Each claim's doc.path names the file its article came from.
        articles = articles.withColumn("path", F.input_file_name())
        claims = extract_claims(articles, gazetteers=opts.gazetteers)
        claims.write.mode("overwrite").parquet(opts.claims)
        written = spark.read.parquet(opts.claims).count()
        print(f"spark_extract: {written} claims written to {opts.claims}", file=sys.stderr)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
