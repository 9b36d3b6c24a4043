// The destination widget's country field as a searchable combobox (filled in by
// the destinations work of issue 7; until then it leaves the native select).
