"""Category and service-field suggestions for community social organizations (issue #4).

The classifier itself is plain Python with no Django dependency: use
``linli.classify.engine.classify(name, scope)``.  Measure it with
``python -m linli.classify.evaluate``.
"""
