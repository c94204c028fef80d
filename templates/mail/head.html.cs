<!DOCTYPE html>
<html lang="<?cs var:L.Lang.Code ?>">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1b1b1b; max-width: 600px;">
